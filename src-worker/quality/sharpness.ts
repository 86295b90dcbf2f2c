// No-reference sharpness: the mean squared Laplacian of a plane (4-neighbour kernel
// [0 1 0; 1 -4 1; 0 1 0]) over the pixels that have all four neighbours. Fine detail and sharp
// edges give large second differences; blur removes them. In squared levels of the plane.

export function laplacianEnergy(plane: Float32Array, width: number, height: number): number {
  if (width < 3 || height < 3) throw new Error(`sharpness needs at least 3x3 pixels, got ${width}x${height}`);
  let sum = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const laplacian = plane[i - 1]! + plane[i + 1]! + plane[i - width]! + plane[i + width]! - 4 * plane[i]!;
      sum += laplacian * laplacian;
    }
  }
  return sum / ((width - 2) * (height - 2));
}
