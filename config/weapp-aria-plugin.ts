// WeChat's screen reader (读屏) reads ARIA attributes on the mini program's components (aria-role, aria-label,
// aria-checked …), but Taro's templates pass on only the attributes they know: our role and aria-* props reached
// the web build and never WeChat. This plugin adds WeChat's ARIA attributes to the templates of the components we
// label; client/lib/weapp-aria.ts adds them to the runtime's table and maps `role` to WeChat's `aria-role`.
import { weappAriaPatch } from '../client/lib/weapp-aria-attrs';

/** What this plugin uses of Taro's plugin context (@tarojs/service's IPluginContext). */
interface PluginContext {
  registerMethod(method: { name: string; fn: (platform: { template?: Template }) => void }): void;
}
interface Template {
  mergeComponents(ctx: PluginContext, patch: Record<string, Record<string, string>>): void;
}

export default (ctx: PluginContext) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (process.env.TARO_ENV !== 'weapp' || !platform.template) return;
      platform.template.mergeComponents(ctx, weappAriaPatch());
    },
  });
};
