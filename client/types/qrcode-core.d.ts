// qrcode's pure-JS encoder (no canvas, no DOM): what client/lib/qr-png.ts uses in both the web build and WeChat.
declare module 'qrcode/lib/core/qrcode' {
  export interface QRCodeModules {
    size: number;
    data: Uint8Array;
  }
  export function create(
    data: string | { data: Uint8Array; mode: 'byte' | 'alphanumeric' | 'numeric' }[],
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number },
  ): { modules: QRCodeModules; version: number };
}
