// Page paths of the desk pages (web build), subpackage packageAdmin.
export const ADMIN_ROUTES = {
  units: '/packageAdmin/units/index',
  staff: '/packageAdmin/staff/index',
  rosters: '/packageAdmin/rosters/index',
} as const;
