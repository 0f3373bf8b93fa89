/**
 * Vant components the meter-admin screens use beyond those declared in ../../components.d.ts (types only:
 * the resolver in @pm/web/vite imports them with their CSS at build time). Identical declarations merge,
 * so a line here may also appear there.
 */
export {};

declare module 'vue' {
  export interface GlobalComponents {
    VanBadge: (typeof import('vant'))['Badge'];
    VanCheckbox: (typeof import('vant'))['Checkbox'];
    VanCheckboxGroup: (typeof import('vant'))['CheckboxGroup'];
    VanStepper: (typeof import('vant'))['Stepper'];
  }
}
