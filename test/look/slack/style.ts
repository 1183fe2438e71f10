/**
 * Slack's look in CSS: its light (default) and dark palettes, Lato, message layout, mrkdwn and
 * Block Kit, close enough to judge what a student sees. Uploaded images show at their pixel size
 * up to 360 px high, as Slack's previews do; image blocks take the message's width.
 */
export const SLACK_CSS = `
:root { color-scheme: light dark; }
.theme-light {
  --bg: #ffffff; --text: #1d1c1d; --muted: #616061; --link: #1264a3; --border: rgba(29,28,29,.13);
  --code: #e01e5a; --code-bg: rgba(29,28,29,.04); --quote: rgba(29,28,29,.13); --button-border: rgba(29,28,29,.3);
  --button-bg: #ffffff; --app-bg: rgba(29,28,29,.13); --app-text: rgba(29,28,29,.7); --mention-bg: rgba(29,155,209,.1);
  --mention: #1264a3; --ephemeral: rgba(29,28,29,.04); --pane-head: #ffffff;
}
.theme-dark {
  --bg: #1a1d21; --text: #d1d2d3; --muted: #ababad; --link: #1d9bd1; --border: rgba(232,232,232,.13);
  --code: #e8912d; --code-bg: rgba(232,232,232,.04); --quote: rgba(232,232,232,.13); --button-border: rgba(232,232,232,.3);
  --button-bg: transparent; --app-bg: rgba(232,232,232,.13); --app-text: rgba(232,232,232,.7); --mention-bg: rgba(29,155,209,.1);
  --mention: #1d9bd1; --ephemeral: rgba(232,232,232,.04); --pane-head: #1a1d21;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.46668 Slack-Lato, Lato, appleLogo, sans-serif; -webkit-font-smoothing: antialiased; }
.look-caption { font: 12px/1.4 monospace; color: var(--muted); padding: 6px 20px; border-bottom: 1px solid var(--border); }
.panes { display: flex; flex-wrap: wrap; align-items: flex-start; }
.pane { flex: 1 1 420px; min-width: 0; border-right: 1px solid var(--border); }
.pane-head { height: 49px; display: flex; align-items: center; gap: 6px; padding: 0 20px; font-weight: 900; font-size: 18px;
  border-bottom: 1px solid var(--border); background: var(--pane-head); }
.pane-sub { color: var(--muted); font-weight: 400; font-size: 13px; margin-left: 6px; }
.hash { color: var(--muted); font-weight: 400; }
.messages { padding: 8px 0 16px; }
.msg { padding: 8px 20px 8px 20px; }
.msg.grouped { padding-top: 2px; }
.msg.ephemeral { background: var(--ephemeral); }
.row { display: flex; gap: 8px; }
.avatar { flex: 0 0 36px; width: 36px; height: 36px; border-radius: 6px; color: #fff; display: flex; align-items: center;
  justify-content: center; font-weight: 900; }
.avatar.small { flex-basis: 20px; width: 20px; height: 20px; font-size: 11px; border-radius: 4px; }
.gutter { flex: 0 0 36px; font-size: 12px; color: transparent; padding-top: 2px; }
.body { min-width: 0; flex: 1; }
.meta { display: flex; align-items: baseline; gap: 4px; }
.name { font-weight: 900; }
.app-tag { background: var(--app-bg); color: var(--app-text); font-size: 10px; font-weight: 700; border-radius: 2px;
  padding: 1px 3px; line-height: 1.25; }
.meta time { color: var(--muted); font-size: 12px; margin-left: 4px; }
.content { overflow-wrap: anywhere; }
.edited { color: var(--muted); font-size: 13px; margin-left: 2px; }
.block { margin: 4px 0; }
.block.header { font-size: 18px; font-weight: 900; line-height: 1.33; margin: 8px 0 4px; }
.section { display: flex; gap: 12px; }
.section-main { flex: 1; min-width: 0; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin-top: 8px; }
.accessory { flex: 0 0 auto; }
.accessory-image { width: 88px; height: 88px; object-fit: cover; border-radius: 4px; }
.context { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; color: var(--muted); font-size: 13px; }
.context-image { width: 20px; height: 20px; border-radius: 4px; }
.divider { border: 0; border-top: 1px solid var(--border); margin: 12px 0; }
.image img { display: block; max-width: 100%; max-height: 480px; border-radius: 8px; border: 1px solid var(--border); }
.image-title, .file-image figcaption { color: var(--muted); font-size: 13px; margin-bottom: 4px; }
.caret { font-size: 10px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.button { height: 28px; padding: 0 12px; border-radius: 4px; border: 1px solid var(--button-border); background: var(--button-bg);
  color: var(--text); font: inherit; font-size: 13px; font-weight: 700; cursor: pointer; }
.button-primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.button-danger { background: #e01e5a; border-color: #e01e5a; color: #fff; }
.overflow { width: 28px; padding: 0; }
.select { display: inline-flex; justify-content: space-between; align-items: center; min-width: 200px; height: 28px; padding: 0 8px;
  border: 1px solid var(--button-border); border-radius: 4px; font-size: 13px; font-weight: 700; }
.select.placeholder span:first-child { color: var(--muted); font-weight: 400; }
.mrkdwn .lines { white-space: pre-wrap; }
.pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 4px; padding: 8px; margin: 4px 0;
  white-space: pre-wrap; overflow-wrap: anywhere; font: 12px/1.5 Monaco, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.code { color: var(--code); background: var(--code-bg); border: 1px solid var(--border); border-radius: 3px; padding: 2px 3px 1px;
  font: 12px Monaco, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.quote { margin: 4px 0; padding-left: 16px; border-left: 4px solid var(--quote); }
.link { color: var(--link); text-decoration: none; }
.mention { background: var(--mention-bg); color: var(--mention); border-radius: 3px; padding: 0 2px; }
.emoji { font-size: 1.1em; }
.files { display: flex; flex-direction: column; gap: 8px; margin-top: 6px; }
.file-image { margin: 0; }
.file-image img { display: block; max-width: min(480px, 100%); max-height: 360px; border-radius: 8px; border: 1px solid var(--border); }
.file-chip { display: flex; gap: 12px; align-items: center; border: 1px solid var(--border); border-radius: 12px; padding: 12px;
  max-width: 426px; }
.file-icon { width: 40px; height: 40px; border-radius: 8px; background: #1264a3; color: #fff; font-size: 10px; font-weight: 900;
  display: flex; align-items: center; justify-content: center; }
.file-text { display: flex; flex-direction: column; min-width: 0; }
.file-name { font-weight: 700; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.file-kind { color: var(--muted); font-size: 13px; }
.ephemeral-note { color: var(--muted); font-size: 13px; margin: 0 0 4px 44px; display: flex; gap: 4px; align-items: center; }
.replies-rule { display: flex; align-items: center; gap: 8px; color: var(--muted); font-size: 13px; padding: 4px 20px; }
.replies-rule::after { content: ""; flex: 1; border-top: 1px solid var(--border); }
.replies-link { display: flex; align-items: center; gap: 8px; margin-top: 4px; font-size: 13px; }
.replies-avatar { width: 24px; height: 24px; border-radius: 4px; background: #5865f2; }
.replies-count { color: var(--link); font-weight: 700; }
.replies-last { color: var(--muted); }
.assistant-status { display: flex; gap: 8px; align-items: center; padding: 8px 20px; color: var(--muted); font-size: 13px; font-style: italic; }
.rich-list { margin: 4px 0; padding-left: 22px; }
.unknown, .element-unknown { font-size: 12px; color: var(--muted); border: 1px dashed var(--muted); border-radius: 4px; padding: 2px 6px; }
@media (max-width: 600px) {
  .pane { flex-basis: 100%; border-right: 0; }
  .msg { padding-left: 12px; padding-right: 12px; }
}
`;
