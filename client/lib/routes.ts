// Page paths, in one place so links never point at a page that does not exist.
export const ROUTES = {
  home: '/pages/home/index',
  login: '/pages/login/index',
  joinFamily: '/packageParent/join/index',
  myFamily: '/packageParent/family/index',
} as const;
