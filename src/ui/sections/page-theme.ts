/** The page's theme: the one chosen in Settings, else the system's. */
export function pageTheme(): { dark: boolean } {
  const chosen = document.documentElement.dataset['theme']
  if (chosen) return { dark: chosen === 'dark' }
  return { dark: window.matchMedia('(prefers-color-scheme: dark)').matches }
}
