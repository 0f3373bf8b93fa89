// 仪表与抄表管理 (managers and customer service: meter registry, routes, review queue, progress, export).
// English in ./meter-admin.en.ts.
const meterAdmin = {
  title: '仪表与抄表管理',
};

export type MeterAdminMessages = typeof meterAdmin;
export default meterAdmin;
