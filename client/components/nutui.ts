// NutUI components used by the client, each with its own stylesheet (NutUI's per-component CSS).
// Named imports from the package root are tree-shaken; only these components reach the bundle.
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';

export { Button, Cell, CellGroup, Input };
