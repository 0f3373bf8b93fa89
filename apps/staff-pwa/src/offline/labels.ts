/** Texts of SyncStatusBar; zh-CN defaults, the app passes translated ones through the `labels` prop. */
export interface SyncStatusLabels {
  pending: string;
  synced: string;
  rejected: string;
  sync: string;
  syncing: string;
  offline: string;
  authRequired: string;
}

export const DEFAULT_SYNC_LABELS: SyncStatusLabels = {
  pending: '待同步',
  synced: '已同步',
  rejected: '被拒',
  sync: '同步',
  syncing: '同步中',
  offline: '离线',
  authRequired: '请重新登录后同步',
};
