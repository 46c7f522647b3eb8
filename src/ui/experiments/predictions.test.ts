import { describe, expect, it } from 'vitest'
import { EXPERIMENTS } from '../../core/experiments'
import { dataJSON, positionsCSV, predictionLines, type DataHeader } from '../export/data'
import { Predictions } from './predictions.svelte'

const header: DataHeader = { version: 'test', link: 'http://x/?v=1', caption: 'A caption.', step: 5000 }

describe('predictions', () => {
  it('keep one answer per experiment, the last one made, and the outcome its run gave', () => {
    const p = new Predictions()
    const [first, second] = EXPERIMENTS
    const q = first!.prediction!
    p.record(first!.id, q.question, q.choices[1]!)
    p.record(second!.id, second!.prediction!.question, second!.prediction!.choices[0]!)
    p.record(first!.id, q.question, q.choices[0]!)
    expect(p.get(first!.id)).toEqual({
      experiment: first!.id,
      question: q.question,
      prediction: q.choices[0],
      outcome: null,
    })
    p.settle(first!.id, q.choices[2]!)
    p.settle('not-asked', 'anything')
    expect(p.list().map((r) => [r.experiment, r.prediction, r.outcome])).toEqual([
      [first!.id, q.choices[0], q.choices[2]],
      [second!.id, second!.prediction!.choices[0], null],
    ])
    expect(p.get('not-asked')).toBeNull()
  })

  it('travel in a CSV header as quoted CSV rows (the table below reads as before), and in the JSON', () => {
    const rows = [
      { experiment: 'local-minimum', question: 'Where, "exactly", does it stop?', prediction: 'MB', outcome: 'MC' },
      { experiment: 'plateau', question: 'Which lane?', prediction: 'Lane A, Gradient descent', outcome: null },
    ]
    expect(predictionLines(rows)).toEqual([
      '# predictions made before guided experiments ran (outcome empty: not run to its check yet):',
      '# experiment,question,prediction,outcome',
      '# local-minimum,"Where, ""exactly"", does it stop?",MB,MC',
      '# plateau,Which lane?,"Lane A, Gradient descent",',
    ])
    expect(predictionLines([])).toEqual([])
    const csv = positionsCSV({ ...header, predictions: rows }, [])
      .trim()
      .split('\n')
    const plain = positionsCSV(header, []).trim().split('\n')
    expect(csv.filter((line) => !line.startsWith('#'))).toEqual(plain.filter((line) => !line.startsWith('#')))
    expect(csv.slice(4, 8)).toEqual(predictionLines(rows))
    // The JSON document carries them as a list, empty when none was made.
    expect(
      (JSON.parse(dataJSON({ ...header, predictions: rows }, [])) as { predictions: unknown }).predictions,
    ).toEqual(rows)
    expect((JSON.parse(dataJSON(header, [])) as { predictions: unknown }).predictions).toEqual([])
  })
})
