/**
 * Types for the Vant components the templates use. The resolver in @pm/web/vite imports them per component
 * at build time (dts generation is off there), so this file only lets vue-tsc check their props and events.
 * Add a line when a template starts using another Vant component.
 */
export {};

declare module 'vue' {
  export interface GlobalComponents {
    VanActionSheet: (typeof import('vant'))['ActionSheet'];
    VanBadge: (typeof import('vant'))['Badge'];
    VanButton: (typeof import('vant'))['Button'];
    VanCell: (typeof import('vant'))['Cell'];
    VanCellGroup: (typeof import('vant'))['CellGroup'];
    VanCheckbox: (typeof import('vant'))['Checkbox'];
    VanCheckboxGroup: (typeof import('vant'))['CheckboxGroup'];
    VanDatePicker: (typeof import('vant'))['DatePicker'];
    VanDialog: (typeof import('vant'))['Dialog'];
    VanDivider: (typeof import('vant'))['Divider'];
    VanEmpty: (typeof import('vant'))['Empty'];
    VanField: (typeof import('vant'))['Field'];
    VanForm: (typeof import('vant'))['Form'];
    VanGrid: (typeof import('vant'))['Grid'];
    VanGridItem: (typeof import('vant'))['GridItem'];
    VanIcon: (typeof import('vant'))['Icon'];
    VanList: (typeof import('vant'))['List'];
    VanLoading: (typeof import('vant'))['Loading'];
    VanNavBar: (typeof import('vant'))['NavBar'];
    VanNoticeBar: (typeof import('vant'))['NoticeBar'];
    VanPopup: (typeof import('vant'))['Popup'];
    VanRadio: (typeof import('vant'))['Radio'];
    VanRadioGroup: (typeof import('vant'))['RadioGroup'];
    VanSearch: (typeof import('vant'))['Search'];
    VanStepper: (typeof import('vant'))['Stepper'];
    VanSwitch: (typeof import('vant'))['Switch'];
    VanTab: (typeof import('vant'))['Tab'];
    VanTabbar: (typeof import('vant'))['Tabbar'];
    VanTabbarItem: (typeof import('vant'))['TabbarItem'];
    VanTabs: (typeof import('vant'))['Tabs'];
    VanTag: (typeof import('vant'))['Tag'];
    RouterLink: (typeof import('vue-router'))['RouterLink'];
    RouterView: (typeof import('vue-router'))['RouterView'];
  }
}
