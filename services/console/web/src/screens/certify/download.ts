/**
 * Fetches a file with the signed-in user's token and hands it to the browser as a download: a bare
 * link would reach the service without the token, which lives in memory only.
 */
export async function downloadWithToken(token: string, path: string, fileName: string): Promise<Blob> {
  const response = await fetch(`${window.location.origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return blob;
}
