// The preview's feature panels: each file under panels/ registers itself; import it here to show its tab.
//
// To add a panel: create scripts/preview/panels/<name>.ts that calls registerPanel({...}) from
// '../panels' (see executionLog.ts for a small example and panels.ts for the API), then add
// `import './<name>';` to the list below. Tabs appear in `order`, then in import order.
import './executionLog';
import './summary';
import './exports';
import './forms';
import './clock';
import './city';
