import { describe, expect, it } from "vitest";
import { renderMail } from "../../app/domain/mail/compose";
import { notificationLine } from "../../app/domain/mail/lines";

describe("mail bodies", () => {
  const title = `<img src=x onerror="alert(1)"> & "quotes"`;
  const mail = renderMail({
    subject: notificationLine({ kind: "reply", actor_name: "Dana <b>Kim</b>", thread_title: title, data: {} }),
    paragraphs: ["Hello,", notificationLine({ kind: "reply", actor_name: "Dana <b>Kim</b>", thread_title: title, data: {} })],
    items: [{ text: title, url: `https://community.example.test/t/1?x="><script>` }],
    action: { label: "Open it", url: "https://community.example.test/notifications/1" },
    footer: "Why you get this.",
    unsubscribeUrl: "https://community.example.test/unsubscribe?token=abc.def",
  });

  it("escape everything people wrote in the HTML part, and keep it readable in the text part", () => {
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).not.toContain('"><script>');
    expect(mail.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quotes&quot;");
    expect(mail.text).toContain(`Dana <b>Kim</b> replied in “${title}”`);
  });

  it("carry the action and the unsubscribe link in both parts", () => {
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("https://community.example.test/notifications/1");
      expect(part).toContain("https://community.example.test/unsubscribe?token=abc.def");
    }
  });
});
