/**
 * Staff roles and what each may do. A role is always granted on one organisation node and covers that
 * node's subtree (see ../org/scope.ts). Deny by default: a permission not listed here is not held.
 *
 * The same table drives the API's checks and the staff app's home screen, so the two cannot disagree.
 */
export const ROLES = [
  'group_admin',
  'company_manager',
  'office_manager',
  'customer_service',
  'cashier',
  'technician',
  'meter_reader',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'org:read',
  'org:write',
  'estate:read',
  'estate:write',
  'unit:read',
  'unit:write',
  'party:read',
  'party:write',
  'occupancy:write',
  'staff:read',
  'staff:write',
  'grant:write',
  'binding:read',
  'binding:write',
  'import:write',
  'audit:read',
  'meter:read',
  'meter:write',
  'reading:write',
  'reading:review',
  // Billing 收费: fee items/standards/rules, billing runs, seeing what is owed, taking money, ledger
  // corrections (adjust / refund / waive) and their second-person approval, the day close, reports.
  'fee:read',
  'fee:write',
  'billing:run',
  'charge:read',
  'payment:collect',
  'ledger:adjust',
  'ledger:approve',
  'report:read',
  // Work orders 工单: seeing an estate's orders, intake/dispatch/follow-up (customer service), doing the work
  // (technicians: their own jobs and the estate's pool), categories/SLAs/price list. KPIs need report:read.
  'work_order:read',
  'work_order:dispatch',
  'work_order:work',
  'work_order:config',
  // Notices 公告 to residents.
  'notice:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_PROPERTY: Permission[] = ['org:read', 'estate:read', 'unit:read', 'party:read'];
const MANAGE: Permission[] = [...PERMISSIONS];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  group_admin: MANAGE,
  company_manager: MANAGE,
  office_manager: MANAGE,
  customer_service: [
    ...READ_PROPERTY,
    'party:write',
    'occupancy:write',
    'binding:read',
    'binding:write',
    'meter:read',
    'reading:review',
    'fee:read',
    'charge:read',
    'work_order:read',
    'work_order:dispatch',
    'notice:write',
  ],
  cashier: [...READ_PROPERTY, 'fee:read', 'charge:read', 'payment:collect'],
  technician: ['org:read', 'estate:read', 'unit:read', 'meter:read', 'reading:write', 'work_order:work'],
  meter_reader: ['org:read', 'estate:read', 'unit:read', 'meter:read', 'reading:write'],
};

/** Higher rank may grant roles of equal or lower rank. Managers outrank front-line roles, which are peers. */
export const ROLE_RANK: Record<Role, number> = {
  group_admin: 100,
  company_manager: 80,
  office_manager: 60,
  customer_service: 20,
  cashier: 20,
  technician: 20,
  meter_reader: 20,
};

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  group_admin: { zh: '集团管理员', en: 'Group admin' },
  company_manager: { zh: '公司经理', en: 'Company manager' },
  office_manager: { zh: '项目经理', en: 'Office manager' },
  customer_service: { zh: '客服', en: 'Customer service' },
  cashier: { zh: '收银员', en: 'Cashier' },
  technician: { zh: '维修工', en: 'Technician' },
  meter_reader: { zh: '抄表员', en: 'Meter reader' },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * May someone holding `granterRole` (with grant:write) hand out `targetRole`? Only roles that do not
 * outrank their own, so nobody can raise themselves or others above what they hold.
 */
export function canGrantRole(granterRole: Role, targetRole: Role): boolean {
  return roleHas(granterRole, 'grant:write') && ROLE_RANK[targetRole] <= ROLE_RANK[granterRole];
}
