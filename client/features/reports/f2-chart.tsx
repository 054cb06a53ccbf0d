// A chart drawn by AntV F2 on a Taro <Canvas type="2d">: the same code in the mini program (the canvas node from
// a selector query) and in the web build (Taro's query returns the DOM <canvas>). Imported only by the reports
// subpackage, so F2 never reaches the main package.
import { Canvas as TaroCanvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Canvas as F2Canvas } from '@antv/f2';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

let chartSeq = 0;
/** A page-unique canvas id (the selector query finds the canvas by it). */
function nextChartId(): string {
  chartSeq += 1;
  return `hb-f2-chart-${chartSeq}`;
}

/** What F2 needs from a 2d canvas, in both builds. */
interface Canvas2dNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
  createImage?: () => unknown;
  requestAnimationFrame?: (cb: () => void) => number;
  cancelAnimationFrame?: (id: number) => void;
}

/**
 * F2 sizes its theme in 750-wide design pixels and converts them with the page's rem, which Taro's web build
 * sets far smaller than F2 expects (axis labels came out 4 px high). Half a design pixel per CSS pixel, as on a
 * 375-wide phone, in both builds.
 */
const px2hd = (px: number) => Number((px * 0.5).toFixed(1));

function pixelRatio(): number {
  try {
    return Taro.getSystemInfoSync().pixelRatio || 2;
  } catch {
    return 2;
  }
}

/** The mini program has no DOM: F2 gets its images, frames and text measuring from the canvas node. */
function miniProgramProps(node: Canvas2dNode): Record<string, unknown> {
  if (process.env.TARO_ENV === 'h5') return {};
  return {
    createImage: () => node.createImage?.(),
    requestAnimationFrame: (cb: () => void) => node.requestAnimationFrame?.(cb),
    cancelAnimationFrame: (id: number) => node.cancelAnimationFrame?.(id),
    offscreenCanvas: Taro.createOffscreenCanvas({ type: '2d', width: 300, height: 150 }),
    isTouchEvent: (e: { type?: string }) => typeof e.type === 'string' && e.type.startsWith('touch'),
    isMouseEvent: (e: { type?: string }) => typeof e.type === 'string' && e.type.startsWith('mouse'),
    useNativeClickEvent: false,
  };
}

interface Props {
  /** The F2 element tree (built with F2's `jsx`) drawn inside F2's Canvas. */
  chart: () => unknown;
  /** Redraws when this changes. */
  dataKey: string;
  /** CSS pixels. */
  height: number;
  /** Read by screen readers instead of the drawing; the same figures are listed under the chart. */
  label: string;
  children?: ReactNode;
}

export function F2Chart({ chart, dataKey, height, label, children }: Props) {
  const [id] = useState(nextChartId);
  // The latest render's chart, for a redraw started later.
  const chartRef = useRef(chart);
  useLayoutEffect(() => {
    chartRef.current = chart;
  });

  useEffect(() => {
    let f2: F2Canvas | null = null;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const draw = (attempt: number) => {
      const query = Taro.createSelectorQuery();
      query.select(`#${id}`).boundingClientRect();
      query.select(`#${id}`).fields({ node: true, size: true });
      query.exec((res: unknown[]) => {
        if (cancelled) return;
        const rect = res?.[0] as { width?: number; height?: number } | null;
        const node = (res?.[1] as { node?: Canvas2dNode | null } | null)?.node ?? null;
        // The web build's canvas element appears once Taro's <taro-canvas-core> has rendered.
        if (!node || !rect?.width) {
          if (attempt < 20) timer = setTimeout(() => draw(attempt + 1), 100);
          return;
        }
        const width = rect.width;
        const h = rect.height || height;
        const dpr = pixelRatio();
        node.width = Math.round(width * dpr);
        node.height = Math.round(h * dpr);
        const context = node.getContext('2d');
        try {
          f2 = new F2Canvas({
            context,
            pixelRatio: dpr,
            width,
            height: h,
            animate: false,
            px2hd,
            children: chartRef.current(),
            ...miniProgramProps(node),
          } as ConstructorParameters<typeof F2Canvas>[0]);
          void f2.render();
        } catch (e) {
          // A chart that cannot be drawn must not take the page down: the figures are listed under it.
          console.warn('图表绘制失败', e);
        }
      });
    };
    Taro.nextTick(() => draw(0));
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      try {
        f2?.destroy();
      } catch {
        // already gone with the page
      }
    };
  }, [id, dataKey, height]);

  return (
    <View className='f2-chart'>
      <View aria-hidden='true' className='f2-chart__canvas-box' style={{ height: `${height}px` }}>
        <TaroCanvas type='2d' id={id} className='f2-chart__canvas' style={{ width: '100%', height: `${height}px` }} />
      </View>
      <View className='f2-chart__data' role='group' aria-label={label}>
        {children}
      </View>
    </View>
  );
}
