// 工单: intake, dispatch board, my jobs and the pool (offline), follow-up, KPI dashboard (issue 5). English in ./work-orders.en.ts.
const workOrders = {
  title: '工单',
};

export type WorkOrdersMessages = typeof workOrders;
export default workOrders;
