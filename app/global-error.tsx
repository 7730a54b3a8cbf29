"use client";
// The last resort, when the root layout itself failed: there is no layout, no locale and no
// messages here, so the page carries its few words in both languages. (The header tolerates a failed
// session lookup, so a database outage normally reaches app/error.tsx instead, in the user's language.)
import { isDatabaseUnavailableDigest } from "@/lib/service-unavailable";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  const unavailable = isDatabaseUnavailableDigest(error.digest);
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: "36rem", margin: "3rem auto", padding: "0 1rem" }}>
        <h1>{unavailable ? "数据库暂时不可用 / Database unavailable" : "页面无法显示 / This page cannot be shown"}</h1>
        <p role="alert">
          {unavailable ? "控制台现在无法连接它的数据库。请稍后重试。" : "控制台准备这个页面时出错了。请稍后重试。"}
          <br />
          <span lang="en">
            {unavailable ? "The console cannot reach its database right now. Try again in a moment." : "The console ran into an error while preparing this page. Try again in a moment."}
          </span>
        </p>
        <p>
          <a href="">重试 / Try again</a>
        </p>
      </body>
    </html>
  );
}
