import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_LOCATIONS } from '../../src/simulator/sevensignal/index.ts';
import { CHANNEL, startHarness, type Harness } from '../support/bot-harness.ts';
import { pollOnce } from './poller-test-support.ts';
import { startRateLimitedSlack, type RateLimitedSlack } from './rate-limited-slack.ts';
import { addIncident, digestsIn, failedSlackCalls, incidentIdsIn, useRoutes } from './routing-support.ts';

const ROUTES = `routes:
  - match: { location: "Main Campus*" }
    channel: C0CAMPUS
`;

const CAMPUS = SAMPLE_LOCATIONS.filter((location) => location.name.startsWith('Main Campus'));
const ELSEWHERE = SAMPLE_LOCATIONS.filter((location) => !location.name.startsWith('Main Campus'));

let harness: Harness;
let proxy: RateLimitedSlack;

beforeEach(async () => {
  harness = await startHarness();
  // The proxy rejects a second post to a channel within 30 ms, as Slack rejects more than about one
  // per second. The bot spaces posts by 50 ms; the margin is for the time between a post's start
  // and its arrival, which varies with the event loop.
  proxy = await startRateLimitedSlack(harness.slack.url, 30);
});

afterEach(async () => {
  await proxy.close();
  await harness.close();
});

function addIncidents(count: number, locations: ReadonlyArray<{ id: string; name: string }>): string[] {
  return Array.from({ length: count }, (_, index) => {
    const location = locations[index % locations.length]!;
    return addIncident(harness, { location: location.id, locationName: location.name }).id!;
  });
}

function settings(overrides: Record<string, string> = {}): Record<string, string> {
  return { SLACK_API_URL: proxy.url, SLACK_POST_INTERVAL: '50ms', ...useRoutes(harness, ROUTES), ...overrides };
}

function postsTo(channel: string) {
  return proxy.posts.filter((post) => post.channel === channel);
}

describe('channel pacing', () => {
  it('spaces posts to one channel', async () => {
    addIncidents(6, ELSEWHERE);

    const result = await pollOnce(harness, settings({ DIGEST_THRESHOLD: '100' }));

    expect(result.posted).toBe(6);
    const posts = postsTo(CHANNEL);
    expect(posts.map((post) => post.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const gaps = posts.slice(1).map((post, index) => post.at - posts[index]!.at);
    // Arrivals are spaced like the starts, give or take the time a request takes to go out.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(40);
    expect(posts.at(-1)!.at - posts[0]!.at).toBeGreaterThanOrEqual(5 * 50 - 5);
  });

  it('gives 60 incidents no slack errors', async () => {
    const campus = addIncidents(35, CAMPUS);
    const elsewhere = addIncidents(25, ELSEWHERE);

    const result = await pollOnce(harness, settings());

    expect(result.ok).toBe(true);
    expect(result.digests).toBe(2);
    expect(proxy.posts.filter((post) => post.status !== 200)).toEqual([]);
    expect(failedSlackCalls(harness)).toEqual([]);
    expect(digestsIn(harness, 'C0CAMPUS')).toHaveLength(1);
    expect(digestsIn(harness, CHANNEL)).toHaveLength(1);
    expect(incidentIdsIn(harness, 'C0CAMPUS')).toEqual([...campus].sort());
    expect(incidentIdsIn(harness, CHANNEL)).toEqual([...elsewhere].sort());
  });

  it('serves channels concurrently', async () => {
    addIncidents(5, CAMPUS);
    addIncidents(5, ELSEWHERE);

    const started = performance.now();
    await pollOnce(harness, settings({ SLACK_POST_INTERVAL: '200ms', DIGEST_THRESHOLD: '100' }));
    const elapsed = performance.now() - started;

    // Five posts per channel need four waits of 200 ms each; one queue for both would need nine.
    expect(postsTo('C0CAMPUS')).toHaveLength(5);
    expect(postsTo(CHANNEL)).toHaveLength(5);
    expect(elapsed).toBeLessThan(1500);
    const firstCampus = postsTo('C0CAMPUS')[0]!.at;
    const firstElsewhere = postsTo(CHANNEL)[0]!.at;
    expect(Math.abs(firstCampus - firstElsewhere)).toBeLessThan(150);
  });

  it('delays only the rate-limited channel', async () => {
    addIncidents(2, CAMPUS);
    addIncidents(3, ELSEWHERE);
    proxy.limitNext('C0CAMPUS', 1);

    const result = await pollOnce(harness, settings({ DIGEST_THRESHOLD: '100' }));

    expect(result.ok).toBe(true);
    expect(result.posted).toBe(5);
    const campus = postsTo('C0CAMPUS');
    expect(campus.map((post) => post.status)).toEqual([429, 200, 200]);
    // The retry waits for Retry-After (1 s); the other channel finished meanwhile.
    expect(campus[1]!.at - campus[0]!.at).toBeGreaterThanOrEqual(990);
    expect(postsTo(CHANNEL).every((post) => post.status === 200 && post.at < campus[1]!.at)).toBe(true);
    expect(harness.logs.find('Slack rate-limited posts to the channel')).toHaveLength(1);
  });

  it('leaves a post pending after repeated 429s', async () => {
    const [incident] = addIncidents(1, CAMPUS);
    proxy.limitNext('C0CAMPUS', 0, 4);

    const result = await pollOnce(harness, settings());

    expect(result.failedPosts).toBe(1);
    expect(postsTo('C0CAMPUS').map((post) => post.status)).toEqual([429, 429, 429, 429]);

    const retried = await pollOnce(harness, settings());
    expect(retried.posted).toBe(1);
    expect(incidentIdsIn(harness, 'C0CAMPUS')).toEqual([incident]);
  });
});
