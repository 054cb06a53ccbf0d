/**
 * A small stand-in for WeChat's mini-program runtime, enough to run the BUILT weapp (client/dist/weapp)
 * in a bare node:vm context: only ECMAScript builtins, console and timers, plus the mini-program globals
 * (wx, App, Page, Component, Behavior, getApp, getCurrentPages) and WeChat's per-file require/module.
 * No fetch, AbortController, window, document, XMLHttpRequest, setImmediate; eval/new Function throw.
 *
 * Pages follow WeChat's lifecycle (onLoad → onShow → first render → onReady; onHide/onUnload on navigation);
 * setData payloads are applied to an in-memory data tree (page.data), read through base.wxml's templates;
 * tap/input are delivered as WeChat would: to the `eh` handler of every node on the bubbling path whose
 * template binds the event, with currentTarget.id/dataset.sid of that node.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { applySetData, readTemplates, ViewTree, type DataNode } from './view';
import { createWx, type WxHost, type WxRecords } from './wx';

/** Parameters of WeChat's per-file wrapper: browser globals are shadowed with undefined. */
const WRAPPER_PARAMS = [
  'require',
  'module',
  'exports',
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
  'Reporter',
  'webkit',
  'WeixinJSCore',
];

// The built mini program's pages and components are untyped JavaScript.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Fn = (...args: any[]) => any;
export interface PageInstance {
  route: string;
  __route__: string;
  options: Record<string, string>;
  data: { root?: { cn?: DataNode[] } } & Record<string, unknown>;
  setData(patch: Record<string, unknown>, cb?: () => void): void;
  [key: string]: any;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface ViewElement {
  node: DataNode;
  ancestors: DataNode[];
}

export interface WeappRuntimeOptions {
  distDir: string;
  /** The test server; every wx.request goes there, whatever origin the build has compiled in. */
  serverUrl: string;
  loginCode: () => string;
  /** WeChat's font size setting in px (getSystemInfoSync().fontSizeSetting); 16, WeChat's standard, if not given. */
  fontSizeSetting?: number;
  /** What the mini program's storage holds at launch (e.g. a choice made on an earlier visit). */
  storage?: Record<string, unknown>;
  /**
   * The code WeChat hands a getPhoneNumber button's event when the user allows it (the server exchanges it);
   * without it, the tap is answered as if the user declined (no code).
   */
  phoneCode?: () => string;
}

export class WeappRuntime {
  readonly context: vm.Context;
  readonly records: WxRecords;
  /** Uncaught errors (timer callbacks, lifecycle) and console.error calls of the mini program. */
  readonly errors: unknown[] = [];
  readonly logs: string[] = [];
  readonly view: ViewTree;
  private readonly appJson: { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> };
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly pageConfigs = new Map<string, Record<string, unknown>>();
  readonly components = new Map<string, Record<string, unknown>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private nextTimer = 1;
  private loading: string | null = null;
  private app: Record<string, Fn> | null = null;
  private stack: PageInstance[] = [];
  private webviewId = 1;
  private navQueue: Promise<void> = Promise.resolve();
  private readonly vmJSON: JSON;

  constructor(private readonly opts: WeappRuntimeOptions) {
    this.appJson = JSON.parse(fs.readFileSync(path.join(opts.distDir, 'app.json'), 'utf8'));
    this.view = new ViewTree(readTemplates(opts.distDir));
    const host: WxHost = {
      serverUrl: opts.serverUrl,
      loginCode: opts.loginCode,
      navigate: (kind, o) => this.navigate(kind, o),
      later: (fn) => void this.setTimer(fn, 0, false),
      toVm: (value) => (value === undefined ? value : this.vmJSON.parse(JSON.stringify(value))),
      fontSizeSetting: opts.fontSizeSetting ?? 16,
    };
    const { wx, records } = createWx(host);
    this.records = records;
    for (const [key, value] of Object.entries(opts.storage ?? {})) records.storage.set(key, value);
    const record =
      (level: string) =>
      (...args: unknown[]) => {
        this.logs.push(
          `${level}: ${args.map((a) => (a instanceof Object && 'stack' in a ? String((a as Error).stack) : String(a))).join(' ')}`,
        );
        if (level === 'error') this.errors.push(args);
      };
    const sandbox = {
      console: {
        log: record('log'),
        info: record('info'),
        debug: record('debug'),
        warn: record('warn'),
        error: record('error'),
      },
      setTimeout: (fn: Fn, ms?: number, ...args: unknown[]) => this.setTimer(() => fn(...args), ms ?? 0, false),
      setInterval: (fn: Fn, ms?: number, ...args: unknown[]) => this.setTimer(() => fn(...args), ms ?? 0, true),
      clearTimeout: (id: number) => this.clearTimer(id),
      clearInterval: (id: number) => this.clearTimer(id),
      wx,
      App: (config: Record<string, Fn>) => {
        this.app = config;
      },
      Page: (config: Record<string, unknown>) => {
        if (!this.loading) throw new Error('Page() called outside a page file');
        this.pageConfigs.set(this.loading, config);
      },
      Component: (config: Record<string, unknown>) => {
        this.components.set(this.loading ?? '?', config);
      },
      Behavior: (config: Record<string, unknown>) => config,
      getApp: () => this.app,
      getCurrentPages: () => this.stack.slice(),
    };
    // WeChat forbids eval and new Function: so does this context.
    this.context = vm.createContext(sandbox, { name: 'weapp', codeGeneration: { strings: false, wasm: false } });
    this.vmJSON = vm.runInContext('JSON', this.context);
  }

  eval(code: string): unknown {
    return vm.runInContext(code, this.context);
  }

  /** Runs app.js (which requires its chunks), App's onLaunch/onShow, then opens app.json's first page. */
  async launch(): Promise<void> {
    this.require('app.js');
    if (!this.app) throw new Error('app.js did not call App()');
    const first = this.appJson.pages[0];
    const launch = { path: first, query: {}, scene: 1001, referrerInfo: {}, apiCategory: 'default' };
    this.app.onLaunch?.call(this.app, this.toVm(launch));
    this.app.onShow?.call(this.app, this.toVm(launch));
    await this.navigate('reLaunch', { url: `/${first}` });
  }

  get currentPage(): PageInstance {
    const page = this.stack[this.stack.length - 1];
    if (!page) throw new Error('no page is open');
    return page;
  }

  get pages(): string[] {
    return this.stack.map((p) => p.route);
  }

  /** The visible text of the current page (its setData tree). */
  text(page = this.currentPage): string {
    return (page.data.root?.cn ?? []).map((n) => this.view.text(n)).join('');
  }

  find(predicate: (node: DataNode) => boolean): ViewElement | undefined {
    let found: ViewElement | undefined;
    for (const el of this.view.elements(this.currentPage.data.root ?? {})) if (predicate(el.node)) found = el; // deepest last
    return found;
  }

  /** The innermost element whose text contains `text` (the element a user would tap on). */
  byText(text: string): ViewElement | undefined {
    return this.find((n) => this.view.text(n).includes(text));
  }

  byAttr(name: string, value: unknown): ViewElement | undefined {
    return this.find((n) => this.view.attr(n, name) === value);
  }

  /** Waits until `fn` returns a truthy value (the app works on its own timers and real HTTP). */
  async waitFor<T>(fn: () => T | undefined | null | false, what: string, timeoutMs = 8000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const value = fn();
      if (value) return value;
      if (Date.now() - start > timeoutMs) {
        throw new Error(
          `timed out waiting for ${what}; pages: ${this.pages.join(' > ')}; text: ${this.stack.length ? this.text() : ''}\n${this.logs.join('\n')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  waitForText(text: string, timeoutMs?: number): Promise<ViewElement> {
    return this.waitFor(
      () => this.byText(text),
      `“${text}” on ${this.stack.length ? this.currentPage.route : 'no page'}`,
      timeoutMs,
    );
  }

  /** A tap: WeChat delivers it to every node on the way up whose template binds tap (until a catchtap). */
  tap(el: ViewElement): void {
    const path = [...el.ancestors, el.node].reverse();
    for (const node of path) {
      const binding = this.view.template(node)?.events.tap;
      if (!binding) continue;
      this.fire(node, 'tap', { x: 0, y: 0 }, el.node);
      if (binding === 'catch') break;
    }
    // The native button's own behaviour.
    if (this.view.tag(el.node) === 'button' && this.view.attr(el.node, 'open-type') === 'agreePrivacyAuthorization') {
      this.fire(el.node, 'agreeprivacyauthorization', {});
    }
    if (this.view.tag(el.node) === 'button' && this.view.attr(el.node, 'open-type') === 'getPhoneNumber') {
      const code = this.opts.phoneCode?.();
      this.fire(
        el.node,
        'getphonenumber',
        code ? { code, errMsg: 'getPhoneNumber:ok' } : { errMsg: 'getPhoneNumber:fail user deny' },
      );
    }
  }

  /** Typing into an <input>: one input event carrying the new value (input does not bubble). */
  input(el: ViewElement, value: string): void {
    if (this.view.tag(el.node) !== 'input') throw new Error(`not an input: ${this.view.tag(el.node)}`);
    this.fire(el.node, 'input', { value, cursor: value.length, keyCode: 0 });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const req of this.records.inflight) req.destroy();
  }

  // ---- internals ----

  private toVm<T>(value: T): T {
    return value === undefined ? value : this.vmJSON.parse(JSON.stringify(value));
  }

  private fire(node: DataNode, type: string, detail: Record<string, unknown>, target: DataNode = node): void {
    const info = (n: DataNode) => ({ id: n.uid ?? n.sid ?? '', dataset: { sid: n.sid }, offsetLeft: 0, offsetTop: 0 });
    const event = this.toVm({
      type,
      timeStamp: Date.now(),
      detail,
      target: info(target),
      currentTarget: info(node),
      touches: [],
      changedTouches: [],
      mark: {},
    });
    // Nodes past WXML's depth limit live in the recursive `comp` component, whose `eh` is the same handler.
    const handler = this.currentPage.eh as Fn | undefined;
    if (typeof handler !== 'function') throw new Error(`page ${this.currentPage.route} has no eh handler`);
    this.guard(() => handler.call(this.currentPage, event));
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.errors.push(e);
      this.logs.push(`uncaught: ${(e as Error)?.stack ?? String(e)}`);
      this.app?.onError?.call(this.app, String((e as Error)?.stack ?? e));
    }
  }

  private setTimer(fn: () => void, ms: number, repeat: boolean): number {
    const id = this.nextTimer++;
    const run = () => {
      if (!repeat) this.timers.delete(id);
      this.guard(fn);
    };
    this.timers.set(id, repeat ? setInterval(run, ms) : setTimeout(run, ms));
    return id;
  }

  private clearTimer(id: number): void {
    const t = this.timers.get(id);
    if (t) clearTimeout(t);
    this.timers.delete(id);
  }

  /** WeChat's require: paths relative to the requiring file, `.js` optional, one module object per file. */
  private require(file: string): unknown {
    const name = path.posix.normalize(file.endsWith('.js') ? file : `${file}.js`);
    const cached = this.modules.get(name);
    if (cached) return cached.exports;
    const source = fs.readFileSync(path.join(this.opts.distDir, name), 'utf8');
    const fn = new vm.Script(`(function(${WRAPPER_PARAMS.join(',')}){${source}\n})`, {
      filename: path.join(this.opts.distDir, name),
    }).runInContext(this.context) as Fn;
    const module = this.eval('({ exports: {} })') as { exports: unknown };
    this.modules.set(name, module);
    const req = (p: string) => this.require(path.posix.join(path.posix.dirname(name), p));
    fn.call(undefined, req, module, module.exports);
    return module.exports;
  }

  private loadPage(route: string): Record<string, unknown> {
    const known = [
      ...this.appJson.pages,
      ...(this.appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
    ];
    if (!known.includes(route)) throw new Error(`page "${route}" is not found`);
    if (!this.pageConfigs.has(route)) {
      const json = JSON.parse(fs.readFileSync(path.join(this.opts.distDir, `${route}.json`), 'utf8')) as {
        usingComponents?: Record<string, string>;
      };
      for (const comp of Object.values(json.usingComponents ?? {})) {
        const file = path.posix.join(path.posix.dirname(route), comp);
        this.loading = file;
        this.require(file);
      }
      this.loading = route;
      try {
        this.require(route);
      } finally {
        this.loading = null;
      }
    }
    const config = this.pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    return config;
  }

  private createPage(route: string, query: Record<string, string>): PageInstance {
    const config = this.loadPage(route);
    const page = {} as PageInstance;
    for (const [k, v] of Object.entries(config)) page[k] = k === 'data' ? JSON.parse(JSON.stringify(v ?? {})) : v;
    page.data ??= {};
    Object.assign(page, { route, __route__: route, options: query, __wxWebviewId__: this.webviewId++ });
    let rendered = false;
    page.setData = (patch, cb) => {
      if (!this.stack.includes(page)) return; // unloaded: WeChat drops it
      applySetData(page.data, patch);
      this.setTimer(
        () => {
          if (cb) cb.call(page);
          if (!rendered) {
            rendered = true; // onReady: the first render reached the view layer
            page.onReady?.call(page);
          }
        },
        0,
        false,
      );
    };
    return page;
  }

  private navigate(
    kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack',
    o: { url?: string; delta?: number },
  ): Promise<void> {
    const run = async () => {
      await new Promise((r) => setTimeout(r, 0));
      if (kind === 'navigateBack') {
        for (let i = 0; i < Math.max(1, o.delta ?? 1) && this.stack.length > 1; i += 1)
          this.unload(this.stack[this.stack.length - 1]);
        const page = this.currentPage;
        this.guard(() => page.onShow?.call(page));
        return;
      }
      const [rawPath, search = ''] = String(o.url ?? '').split('?');
      const route = rawPath.replace(/^\//, '').replace(/\.js$/, '');
      const query: Record<string, string> = {};
      for (const pair of search.split('&').filter(Boolean)) {
        const [k, v = ''] = pair.split('=');
        query[k] = v;
      }
      const page = this.createPage(route, query); // throws for an unknown page: the call fails
      if (kind === 'reLaunch' || kind === 'switchTab')
        while (this.stack.length) this.unload(this.stack[this.stack.length - 1]);
      else if (kind === 'redirectTo') this.unload(this.currentPage);
      else if (this.stack.length) {
        const prev = this.currentPage;
        this.guard(() => prev.onHide?.call(prev));
      }
      this.stack.push(page);
      this.guard(() => page.onLoad?.call(page, this.toVm(query)));
      this.guard(() => page.onShow?.call(page));
    };
    const result = this.navQueue.then(run);
    this.navQueue = result.catch(() => undefined);
    return result;
  }

  private unload(page: PageInstance): void {
    this.guard(() => page.onUnload?.call(page));
    this.stack.splice(this.stack.indexOf(page), 1);
  }
}
