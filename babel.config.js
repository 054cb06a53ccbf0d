// Babel for the Taro client (mini program and H5). TypeScript types are erased, never checked, here.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
