import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from './assets.js';

const { frameScheduler, growPool } = await load('ui/row-pool.js');

describe('row-pool', () => {
  it('growPool makes only the rows missing, appends each once, never shrinks', () => {
    const parent = { children: [], append(row) { this.children.push(row); } };
    const pool = [];
    let made = 0;
    const make = () => ({ n: made++ });
    growPool(pool, 3, make, parent);
    growPool(pool, 2, make, parent);
    growPool(pool, 5, make, parent);
    assert.equal(pool.length, 5);
    assert.equal(made, 5);
    assert.deepEqual(parent.children, pool);
  });

  it('frameScheduler renders once a frame however often it is asked', () => {
    const frames = [];
    globalThis.requestAnimationFrame = (callback) => frames.push(callback);
    let renders = 0;
    const schedule = frameScheduler(() => renders++);
    schedule();
    schedule();
    schedule();
    assert.equal(frames.length, 1);
    frames.shift()();
    assert.equal(renders, 1);
    schedule();
    assert.equal(frames.length, 1, 'asked again after the frame: a new frame');
    delete globalThis.requestAnimationFrame;
  });
});
