/**
 * The view layer of the simulated WeChat runtime: the data tree that setData builds, read through the
 * templates Taro compiled into base.wxml (which tag each node is, which attribute lives in which data key,
 * and which events the view binds to the `eh` handler).
 */
import fs from 'node:fs';
import path from 'node:path';

/** A node of the data tree Taro sends with setData (Taro's "hydrated" element). */
export interface DataNode {
  nn: string;
  sid?: string;
  uid?: string;
  v?: string;
  cl?: string;
  cn?: DataNode[];
  [key: string]: unknown;
}

interface Template {
  tag: string;
  /** attribute name → data key, e.g. placeholder → p13 */
  attrs: Record<string, string>;
  /** event type → 'bind' | 'catch', e.g. tap → bind */
  events: Record<string, 'bind' | 'catch'>;
  /** `<template is="{{xs.c(i, 'tmpl_0_')}}">`: the variant depends on whether `i.focus` is set */
  focusVariants: boolean;
}

/** Reads the level-0 templates of base.wxml (deeper levels repeat them for WXML's lack of recursion). */
export function readTemplates(distDir: string): Map<string, Template> {
  const wxml = fs.readFileSync(path.join(distDir, 'base.wxml'), 'utf8');
  const templates = new Map<string, Template>();
  const re = /<template name="tmpl_0_([^"]+)">\s*<([a-z-]+)([^>]*)>/g;
  for (let m = re.exec(wxml); m; m = re.exec(wxml)) {
    const [, name, tag, attrText] = m;
    const attrs: Record<string, string> = {};
    const events: Template['events'] = {};
    for (const a of attrText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      const [, attr, value] = a;
      const ev = /^(bind|catch):?(\w+)$/.exec(attr);
      if (ev && value === 'eh') events[ev[2]] = ev[1] as 'bind' | 'catch';
      const key = /\bi\.(\w+)/.exec(value);
      if (key) attrs[attr] = key[1];
    }
    templates.set(name, { tag, attrs, events, focusVariants: tag === 'template' && attrText.includes('xs.c(') });
  }
  return templates;
}

export class ViewTree {
  constructor(private readonly templates: Map<string, Template>) {}

  /** Node names that have no template: WeChat renders nothing for them (nor for their children). */
  readonly missing = new Set<string>();

  template(node: DataNode): Template | undefined {
    const base = this.templates.get(node.nn);
    if (base?.focusVariants) return this.templates.get(`${node.nn}_${node.focus !== undefined ? 'focus' : 'blur'}`);
    if (!base) this.missing.add(node.nn);
    return base;
  }

  isText(node: DataNode): boolean {
    return this.template(node)?.tag === 'block' && typeof node.v === 'string';
  }

  tag(node: DataNode): string | undefined {
    return this.template(node)?.tag;
  }

  attr(node: DataNode, name: string): unknown {
    if (name === 'class') return node.cl;
    const key = this.template(node)?.attrs[name];
    return key === undefined ? undefined : node[key];
  }

  text(node: DataNode): string {
    if (node.nn && !this.template(node)) return '';
    if (this.isText(node)) return node.v ?? '';
    return (node.cn ?? []).map((c) => this.text(c)).join('');
  }

  /** Every rendered element (not text) of the tree, with its ancestors (outermost first). */
  *elements(
    root: { cn?: DataNode[] },
    ancestors: DataNode[] = [],
  ): Generator<{ node: DataNode; ancestors: DataNode[] }> {
    for (const child of root.cn ?? []) {
      if (!this.template(child) || this.isText(child)) continue;
      yield { node: child, ancestors };
      yield* this.elements(child, [...ancestors, child]);
    }
  }
}

/** Applies one setData payload the way WeChat does: keys are paths like `root.cn.[0].cn.[2].v` or `a.b[1]`. */
export function applySetData(data: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, raw] of Object.entries(patch)) {
    const value = raw === undefined ? undefined : JSON.parse(JSON.stringify(raw)); // the view gets a serialized copy
    const tokens = [...key.matchAll(/\[(\d+)\]|[^.[\]]+/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[0]));
    let target = data as Record<string | number, unknown>;
    tokens.forEach((token, i) => {
      if (i === tokens.length - 1) {
        target[token] = value;
        return;
      }
      if (target[token] === null || typeof target[token] !== 'object')
        target[token] = typeof tokens[i + 1] === 'number' ? [] : {};
      target = target[token] as Record<string | number, unknown>;
    });
  }
}
