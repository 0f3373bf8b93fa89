/**
 * Vant components the cashier and billing screens use beyond those declared in ../../components.d.ts (types
 * only: the resolver in @pm/web/vite imports them with their CSS at build time). Identical declarations
 * merge, so a line here may also appear elsewhere.
 */
export {};

declare module 'vue' {
  export interface GlobalComponents {
    VanCheckbox: (typeof import('vant'))['Checkbox'];
    VanCheckboxGroup: (typeof import('vant'))['CheckboxGroup'];
    VanDialog: (typeof import('vant'))['Dialog'];
    VanDivider: (typeof import('vant'))['Divider'];
  }
}
