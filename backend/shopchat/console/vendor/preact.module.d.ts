// Ours, not upstream: the part of Preact's API the console uses, typed for `tsc --checkJs`.
// Preact's own declarations (src/index.d.ts + jsx.d.ts, ~3,000 lines) type JSX, which the
// console does not use (htm templates are tagged strings that tsc cannot see into). TypeScript
// resolves `import … from './preact.module.js'` to this file, so it never reads the JS.

export type Key = string | number;
export interface VNode<P = any> {
  type: any;
  props: P & { children?: ComponentChildren };
  key: Key | null | undefined;
}
export type ComponentChild = VNode<any> | object | string | number | bigint | boolean | null | undefined;
export type ComponentChildren = ComponentChild[] | ComponentChild;
export type FunctionComponent<P = {}> = (props: P & { children?: ComponentChildren }) => ComponentChildren;

export function h(type: any, props: Record<string, any> | null, ...children: any[]): VNode<any>;
export function render(vnode: ComponentChild, parent: Element | Document | DocumentFragment): void;
export const Fragment: FunctionComponent<{}>;
export function createRef<T = any>(): { current: T | null };
export const options: Record<string, any>;
