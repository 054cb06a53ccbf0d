// The sign-in forms as the login page shows them once the privacy notice is agreed. In the mini program
// they are part of the page; the web build loads them separately (login-panel-slot.h5.tsx).
export { LoginPanel as LoginPanelSlot } from './login-panel';
