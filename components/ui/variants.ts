// A tiny stand-in for `cva`: a base class list plus named variant maps, merged with clsx. Enough
// for the few owned primitives here without another dependency in the browser bundle.
import { clsx, type ClassValue } from "clsx";

export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}

type VariantMap = Record<string, Record<string, string>>;
export type VariantProps<V extends VariantMap> = { [K in keyof V]?: keyof V[K] };

export function variants<V extends VariantMap>(
  base: string,
  config: V,
  defaults: { [K in keyof V]: keyof V[K] },
): (props?: VariantProps<V> & { className?: string }) => string {
  return (props) =>
    clsx(
      base,
      Object.keys(config).map((key: keyof V) => config[key]?.[String(props?.[key] ?? defaults[key])]),
      props?.className,
    );
}
