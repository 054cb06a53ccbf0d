import type { Page } from 'playwright-core';

/**
 * On the login page: open 工作人员登录 (staff skip the parents' privacy notice), accept the staff confidentiality
 * terms, sign in with a staff account, wait for the home page.
 */
export async function signInAsStaff(page: Page, username: string, password: string) {
  await page.getByText('学校、妇联、关工委工作人员登录', { exact: true }).click();
  await page.locator('input[placeholder="请输入用户名"]').fill(username);
  await page.locator('input[placeholder="请输入密码"]').fill(password);
  await page.getByRole('checkbox', { name: /我已阅读并承诺遵守/ }).click();
  await page.getByText('登录', { exact: true }).click();
  await page.getByText('退出登录', { exact: true }).waitFor();
}

/** On the login page opened with `?demoParent=N`: accept the privacy notice and sign in as that demo parent. */
export async function signInAsDemoParent(page: Page) {
  await page.getByText('同意并继续', { exact: true }).click();
  await page.getByText('演示家长登录', { exact: true }).click();
  await page.getByText('退出登录', { exact: true }).waitFor();
}
