// Ours, not upstream: the preact/hooks functions the console uses (see preact.module.d.ts).

export type StateUpdater<S> = (value: S | ((previous: S) => S)) => void;
export type Inputs = ReadonlyArray<unknown>;
export type EffectCallback = () => void | (() => void);

export function useState<S>(initialState: S | (() => S)): [S, StateUpdater<S>];
export function useReducer<S, A>(reducer: (state: S, action: A) => S, initialState: S): [S, (action: A) => void];
export function useRef<T>(initialValue: T): { current: T };
export function useEffect(effect: EffectCallback, inputs?: Inputs): void;
export function useLayoutEffect(effect: EffectCallback, inputs?: Inputs): void;
export function useMemo<T>(factory: () => T, inputs: Inputs | undefined): T;
export function useCallback<T extends Function>(callback: T, inputs: Inputs): T;
export function useId(): string;
