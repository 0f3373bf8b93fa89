// 报修/投诉 repairs and complaints, timeline, survey (issue 5), under the `workOrders` key. English in ./repairs.en.ts.
const repairs = {
  title: '报修',
};

export type RepairsMessages = typeof repairs;
export default repairs;
