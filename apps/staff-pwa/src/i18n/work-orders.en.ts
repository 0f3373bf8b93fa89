import type { WorkOrdersMessages } from './work-orders.zh-CN';

const workOrders: WorkOrdersMessages = {
  title: 'Work orders',
};

export default workOrders;
