// A user labelling as fast as the API allows, for the crash-safety harness: opens a
// workspace, labels objects one after another (label "burst-<trial>", relevance cycling), and
// prints "labelled <name> <label>" only after each label call has returned, so the harness
// knows exactly which labels were committed when it kills this process.
// Labels demo objects (named DEMO-…). Usage: node dist/test/helpers/label-burst.js <workspace> <trial> <count>
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';

const [workspace, trialText, countText] = process.argv.slice(2);
const trial = Number(trialText);
const service = SerendipService.open(workspace);
const names = service.findObjects('DEMO-', 100_000).map((o) => o.name);
const random = new SeededRandom(trial);
const label = `burst-${trial}`;
for (let i = 0; i < Number(countText); i++) {
  const name = names[random.nextInt(names.length)];
  service.label({ name, label, relevance: i % 6 });
  process.stdout.write(`labelled ${name} ${label}\n`);
}
service.close();
