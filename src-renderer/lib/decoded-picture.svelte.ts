// A picture that changes without flashing: the next one is loaded and decoded off screen, then
// swapped in; `onShown` runs once it has been painted (two animation frames later).
export class DecodedPicture {
  url = $state<string | null>(null);
  private ticket = 0;

  show(url: string | null, onShown?: (url: string) => void): void {
    const ticket = ++this.ticket;
    if (url === null) {
      this.url = null;
      return;
    }
    const next = new Image();
    next.src = url;
    next.decode().then(
      () => {
        if (ticket !== this.ticket) return;
        this.url = url;
        requestAnimationFrame(() => requestAnimationFrame(() => onShown?.(url)));
      },
      () => ticket === this.ticket && (this.url = url),
    );
  }
}
