import path from 'node:path';
import { constants as zlib } from 'node:zlib';
import CompressionPlugin from 'compression-webpack-plugin';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
const sharedDir = path.resolve(root, 'server/shared');
const taroEnv = process.env.TARO_ENV ?? 'weapp';
// HB_OUTPUT_ROOT lets parallel builds (e.g. two developers' test runs) use separate folders.
const outputRoot = process.env.HB_OUTPUT_ROOT ? `${process.env.HB_OUTPUT_ROOT}/${taroEnv}` : `client/dist/${taroEnv}`;
// The mini program calls the API on another host; the web build (H5) is served by the API server itself.
const apiBase = process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000';

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'heartbridge',
    date: '2026-11-29',
    // NutUI is drawn at 375 px, our own styles at 750 px (NutUI's Taro setup guide).
    designWidth(input) {
      const file = typeof input === 'object' && input !== null ? input.file : undefined;
      if (typeof file === 'string' && file.replace(/\\+/g, '/').includes('@nutui')) return 375;
      return 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'client',
    outputRoot,
    plugins: ['@tarojs/plugin-html', path.resolve(__dirname, 'weapp-aria-plugin.ts')],
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase),
    },
    alias: {
      '@shared': sharedDir,
    },
    copy: {
      // Taro also writes project.config.json (miniprogramRoot './'); the copy keeps ours verbatim.
      patterns:
        taroEnv === 'weapp' ? [{ from: 'client/project.config.json', to: `${outputRoot}/project.config.json` }] : [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // server/shared lies outside sourceRoot: compile it like our own sources.
      compile: { include: [sharedDir] },
      // Our stylesheets are BEM-scoped and never override each other: their order between chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain, webpack) {
        // WeChat has no AbortController and tRPC's links construct one: provide a small polyfill to every module.
        chain.plugin('abort-controller-polyfill').use(webpack.ProvidePlugin, [
          {
            AbortController: [path.resolve(root, 'client/lib/abort-controller-polyfill.ts'), 'AbortController'],
            AbortSignal: [path.resolve(root, 'client/lib/abort-controller-polyfill.ts'), 'AbortSignal'],
          },
        ]);
      },
    },
    h5: {
      compile: { include: [sharedDir] },
      webpackChain(chain) {
        // Pages are async chunks: share NutUI, zod and the tRPC client between them instead of copying them into each.
        const splitChunks = chain.optimization.get('splitChunks');
        // Taro sets minSize 0, which splits every shared module into a file of its own (1 KiB files that
        // each take one of the browser's six connections): webpack's own production minimum instead.
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all', minSize: 20000 });
        // Precompressed at build time, brotli and gzip, next to each file; the server picks one by
        // Accept-Encoding (server/http/static-files.ts) and never compresses on the fly.
        if (process.env.NODE_ENV !== 'development') {
          const text = /\.(js|css|html|svg|json|txt)$/;
          chain
            .plugin('gzip')
            .use(CompressionPlugin, [
              { test: text, algorithm: 'gzip', filename: '[path][base].gz', threshold: 1024, minRatio: 0.9 },
            ]);
          chain.plugin('brotli').use(CompressionPlugin, [
            {
              test: text,
              algorithm: 'brotliCompress',
              filename: '[path][base].br',
              compressionOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } },
              threshold: 1024,
              minRatio: 0.9,
            },
          ]);
        }
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      esnextModules: ['nutui-react'],
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (mode === 'development' || process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
