// The theme chosen in the window's top bar, applied before the first paint so a dark choice on a
// light system (or the reverse) never flashes. A plain file, not inline: the page's CSP allows
// scripts from the app itself only. The key and values are written by src/app/theme-choice.ts.
try {
  var theme = localStorage.getItem('lance-index-studio.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch (e) {
  // Storage refused (a locked-down profile): the system's theme it is.
}
