/** The number a number input holds after a change (NaN when it is empty or not a number). */
export function numberFrom(event: Event): number {
  return (event.currentTarget as HTMLInputElement).valueAsNumber
}
