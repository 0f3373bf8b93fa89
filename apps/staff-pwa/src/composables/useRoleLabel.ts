// Role names come from @pm/domain (ROLE_LABELS), in the current language.
import { ROLE_LABELS, type Role, isRole } from '@pm/domain';
import { useI18n } from 'vue-i18n';

export function useRoleLabel() {
  const { locale } = useI18n();
  return (role: string): string => (isRole(role) ? ROLE_LABELS[role as Role][locale.value === 'en' ? 'en' : 'zh'] : role);
}
