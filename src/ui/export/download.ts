/**
 * How long an object URL outlives its click: the browser reads the blob when the download starts,
 * not when it is clicked.
 */
const REVOKE_AFTER_MS = 60_000

/** Saves `blob` as `name` through an object URL and an <a download>: no server, nothing leaves the page. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
}
