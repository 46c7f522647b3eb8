import { describe, expect, test } from 'vitest'
import { keyNumbers } from './key-numbers'

describe('the key numbers', () => {
  test('are listed in order with their words, the rates of the sweep after', () => {
    expect(
      keyNumbers('lj7-isomer-rates', { 'rate at kT 0.16': 0.1, 'fitted barrier': 1.4, 'fit stderr': 0.1 }),
    ).toEqual([
      ['barrier from the Arrhenius fit', 1.4],
      ['standard error of the fit', 0.1],
      ['rate at kT 0.16', 0.1],
    ])
    expect(keyNumbers('no-such-experiment', { x: 1 })).toEqual([])
  })
})
