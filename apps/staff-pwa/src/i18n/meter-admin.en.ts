import type { MeterAdminMessages } from './meter-admin.zh-CN';

const meterAdmin: MeterAdminMessages = {
  title: 'Meters & reading',
};

export default meterAdmin;
