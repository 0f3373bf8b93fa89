// How a unit's state is shown: a van-tag type per state.
import type { UnitState } from '../api/types';

export const UNIT_STATE_TAG: Record<UnitState, 'default' | 'success' | 'warning'> = {
  vacant: 'default',
  occupied: 'success',
  renovating: 'warning',
};
