// Every namespace says the same things in both languages: the same keys in messages/zh-CN and
// messages/en (a key in one only would show its path to the agent in the other).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/i18n/locales";

type Messages = { [key: string]: string | Messages };
const DIR = join(import.meta.dirname, "..", "messages");

function keys(m: Messages, prefix = ""): string[] {
  return Object.entries(m).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function load(locale: string, file: string): Messages {
  return JSON.parse(readFileSync(join(DIR, locale, file), "utf8")) as Messages;
}

describe("messages", () => {
  const files = readdirSync(join(DIR, "zh-CN")).filter((f) => f.endsWith(".json"));

  it("every locale has the same namespaces", () => {
    for (const locale of LOCALES) expect(readdirSync(join(DIR, locale)).filter((f) => f.endsWith(".json")).sort()).toEqual([...files].sort());
  });

  it.each(files)("%s: the same keys in every locale", (file) => {
    const reference = keys(load("zh-CN", file)).sort();
    for (const locale of LOCALES) expect(keys(load(locale, file)).sort(), locale).toEqual(reference);
  });
});
