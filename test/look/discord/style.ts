/**
 * Discord's look in CSS: its dark and light palettes, message layout, Markdown, attachments and
 * components, close enough to judge what a student sees (sizes and colours from Discord's client;
 * fonts fall back to Lato or DejaVu where gg sans is not installed). Image attachments keep their
 * pixel size up to 550×350 as Discord shows them; two or more images go into Discord's mosaic,
 * whose tiles crop (object-fit: cover).
 */
export const DISCORD_CSS = `
:root { color-scheme: dark light; }
.theme-dark {
  --bg: #313338; --bg-pane: #2b2d31; --text: #dbdee1; --muted: #949ba4; --name: #f2f3f5; --link: #00a8fc;
  --code-bg: #2b2d31; --code-border: #1e1f22; --inline-bg: #1e1f22; --quote: #4e5058; --spoiler: #1e1f22;
  --mention-bg: rgba(88,101,242,.3); --mention: #c9cdfb; --secondary: #4e5058; --select-bg: #1e1f22;
  --chip-bg: #2b2d31; --chip-border: #1e1f22; --embed-bg: #2b2d31; --embed-bar: #1e1f22; --divider: #3f4147;
  --ephemeral-bg: rgba(88,101,242,.06); --header-shadow: rgba(2,2,2,.2);
}
.theme-light {
  --bg: #ffffff; --bg-pane: #f2f3f5; --text: #313338; --muted: #5c5e66; --name: #060607; --link: #006ce7;
  --code-bg: #f2f3f5; --code-border: #e3e5e8; --inline-bg: #e3e5e8; --quote: #c4c9ce; --spoiler: #c4c9ce;
  --mention-bg: rgba(88,101,242,.15); --mention: #505cdc; --secondary: #6d6f78; --select-bg: #ebedef;
  --chip-bg: #f2f3f5; --chip-border: #e3e5e8; --embed-bg: #f2f3f5; --embed-bar: #e3e5e8; --divider: #e1e2e4;
  --ephemeral-bg: rgba(88,101,242,.05); --header-shadow: rgba(6,6,7,.08);
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.375 "gg sans", "Noto Sans", Lato, "Helvetica Neue", Helvetica, Arial, sans-serif; }
.look-caption { font: 12px/1.4 monospace; color: var(--muted); padding: 6px 16px; border-bottom: 1px solid var(--divider); }
.panes { display: flex; flex-wrap: wrap; align-items: flex-start; }
.pane { flex: 1 1 420px; min-width: 0; border-right: 1px solid var(--divider); }
.pane-thread { background: var(--bg); }
.pane-head { height: 48px; display: flex; align-items: center; gap: 8px; padding: 0 16px; font-weight: 600;
  color: var(--name); box-shadow: 0 1px 0 var(--header-shadow); }
.pane-icon { color: var(--muted); font-size: 22px; font-weight: 400; display: inline-flex; }
.pane-parent { color: var(--muted); font-weight: 500; font-size: 14px; }
.messages { padding: 8px 0 16px; }
.empty { color: var(--muted); padding: 16px; }
.msg { padding: 2px 48px 2px 0; margin-top: 17px; position: relative; }
.msg.grouped { margin-top: 0; }
.msg.ephemeral { background: var(--ephemeral-bg); }
.row { display: flex; }
.avatar { flex: 0 0 40px; width: 40px; height: 40px; border-radius: 50%; margin: 2px 16px 0 16px; color: #fff;
  display: flex; align-items: center; justify-content: center; font-weight: 600; }
.gutter { flex: 0 0 72px; text-align: center; font-size: 11px; color: transparent; padding-top: 4px; }
.body { min-width: 0; flex: 1; }
.meta { display: flex; align-items: baseline; gap: 4px; }
.name { color: var(--name); font-weight: 500; }
.app-tag { background: #5865f2; color: #fff; font-size: 10px; font-weight: 600; border-radius: 3px; padding: 0 4px;
  line-height: 15px; height: 15px; margin-left: 2px; position: relative; top: -1px; }
.meta time { color: var(--muted); font-size: 12px; margin-left: 4px; }
.invoked { display: flex; align-items: center; gap: 4px; color: var(--muted); font-size: 14px; margin-left: 72px;
  margin-bottom: 2px; position: relative; }
.invoked-curve { position: absolute; left: -36px; top: 9px; width: 30px; height: 12px; border-left: 2px solid var(--quote);
  border-top: 2px solid var(--quote); border-top-left-radius: 6px; }
.invoked-user { color: var(--name); font-weight: 500; }
.content { white-space: normal; overflow-wrap: anywhere; }
.content.thinking { color: var(--muted); font-style: italic; }
.edited { color: var(--muted); font-size: 10px; margin-left: 4px; }
.md-lines { white-space: pre-wrap; }
.md-h1 { font-size: 24px; font-weight: 700; margin: 8px 0 4px; color: var(--name); line-height: 1.375; }
.md-h2 { font-size: 20px; font-weight: 700; margin: 8px 0 4px; color: var(--name); line-height: 1.375; }
.md-h3 { font-size: 16px; font-weight: 700; margin: 8px 0 4px; color: var(--name); line-height: 1.375; }
.md-subtext { font-size: 13px; color: var(--muted); }
.md-list { margin: 4px 0 0 16px; padding-left: 16px; }
.md-list li { margin-bottom: 4px; }
.md-quote { margin: 0; padding: 0 8px 0 12px; border-left: 4px solid var(--quote); border-radius: 4px 0 0 4px; }
.md-code { background: var(--code-bg); border: 1px solid var(--code-border); border-radius: 4px; padding: 7px;
  margin: 6px 0 0; max-width: 90%; white-space: pre-wrap; overflow-wrap: anywhere;
  font: 14px/1.125rem Consolas, "Andale Mono WT", "Andale Mono", "Lucida Console", "DejaVu Sans Mono", monospace; }
.md-code[data-language]::before { content: none; }
.md-inline { background: var(--inline-bg); border-radius: 3px; padding: 0 .2em; font-size: 85%;
  font-family: Consolas, "Andale Mono WT", "DejaVu Sans Mono", monospace; white-space: pre-wrap; }
.md-link { color: var(--link); text-decoration: none; }
.md-mention { background: var(--mention-bg); color: var(--mention); border-radius: 3px; padding: 0 2px; font-weight: 500; }
.md-spoiler { background: var(--spoiler); color: transparent; border-radius: 3px; user-select: none; }
.md-spoiler * { color: transparent !important; background: transparent !important; }
.attachments { margin-top: 4px; }
.mosaic { display: grid; gap: 4px; max-width: 550px; }
.mosaic-1 { display: block; }
.mosaic-2, .mosaic-4 { grid-template-columns: 1fr 1fr; }
.mosaic-3 { grid-template-columns: 2fr 1fr; grid-template-rows: 1fr 1fr; }
.mosaic-3 .attachment-image:first-child { grid-row: span 2; }
.attachment-image { position: relative; border-radius: 8px; overflow: hidden; display: inline-block; max-width: 100%; }
.mosaic-1 .attachment-image img { display: block; max-width: min(550px, 100%); max-height: 350px; width: auto; height: auto; }
.mosaic:not(.mosaic-1) .attachment-image { display: block; height: 180px; }
.mosaic:not(.mosaic-1) .attachment-image img { width: 100%; height: 100%; object-fit: cover; display: block; }
.spoiler-image img { filter: blur(44px); transform: scale(1.1); }
.spoiler-tag { position: absolute; top: 50%; left: 50%; transform: translate(-50%,-50%); background: rgba(0,0,0,.6); color: #fff;
  font-weight: 600; font-size: 15px; letter-spacing: .04em; border-radius: 20px; padding: 6px 12px; }
.file-chip { display: flex; align-items: center; gap: 8px; background: var(--chip-bg); border: 1px solid var(--chip-border);
  border-radius: 8px; padding: 10px; max-width: 432px; margin-top: 4px; }
.file-icon { font-size: 30px; color: var(--muted); }
.file-text { display: flex; flex-direction: column; min-width: 0; flex: 1; }
.file-name { color: var(--link); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.file-size { color: var(--muted); font-size: 12px; }
.file-download { color: var(--muted); font-size: 20px; }
.spoiler-file .file-text { filter: blur(6px); }
.embed { background: var(--embed-bg); border-left: 4px solid var(--embed-bar); border-radius: 4px; padding: 8px 16px 16px 12px;
  margin-top: 4px; max-width: 516px; font-size: 14px; }
.embed-title { font-weight: 600; color: var(--name); margin-top: 8px; }
.embed-author { font-weight: 600; font-size: 14px; margin-top: 8px; }
.embed-description { margin-top: 8px; }
.embed-fields { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.embed-field { flex: 1 1 100%; } .embed-field.inline { flex: 1 1 30%; }
.embed-field-name { font-weight: 600; }
.embed-image { max-width: 100%; border-radius: 4px; margin-top: 16px; }
.embed-footer { font-size: 12px; color: var(--muted); margin-top: 8px; }
.components { margin-top: 4px; }
.component-row { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0; }
.button { height: 32px; min-width: 60px; padding: 2px 16px; border: 0; border-radius: 8px; color: #fff; font: inherit;
  font-size: 14px; font-weight: 500; display: inline-flex; align-items: center; justify-content: center; gap: 4px; cursor: pointer; }
.button-primary { background: #5865f2; } .button-secondary { background: var(--secondary); }
.button-success { background: #248046; } .button-danger { background: #da373c; } .button-link { background: var(--secondary); }
.button[disabled] { opacity: .5; cursor: not-allowed; }
.button-emoji { font-size: 18px; line-height: 1; }
.select { display: flex; justify-content: space-between; align-items: center; width: 100%; max-width: 400px; height: 40px;
  padding: 8px 12px; border-radius: 4px; background: var(--select-bg); border: 1px solid var(--chip-border); color: var(--text); }
.select.placeholder span:first-child { color: var(--muted); }
.select.disabled { opacity: .5; }
.component-unknown { font-size: 12px; color: var(--muted); border: 1px dashed var(--muted); border-radius: 4px; padding: 2px 6px; }
.thread-chip { background: var(--bg-pane); border-radius: 8px; padding: 8px 12px; margin-top: 6px; max-width: 480px; }
.thread-title { display: flex; gap: 8px; align-items: baseline; }
.thread-name { color: var(--name); font-weight: 600; font-size: 14px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.thread-count { color: var(--link); font-weight: 600; font-size: 14px; white-space: nowrap; }
.thread-last { color: var(--muted); font-size: 14px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.thread-last-name { color: var(--name); font-weight: 500; }
.ephemeral-note { color: var(--muted); font-size: 12px; margin-top: 4px; display: flex; gap: 4px; align-items: center; }
.dismiss { color: var(--link); }
@media (max-width: 600px) {
  body { font-size: 15px; }
  .pane { flex-basis: 100%; border-right: 0; }
  .msg { padding-right: 12px; }
  .avatar { margin: 2px 12px 0 12px; }
  .gutter { flex-basis: 64px; }
  .invoked { margin-left: 64px; }
  .mosaic-1 .attachment-image img { max-width: 100%; }
}
`;
