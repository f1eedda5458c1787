// ESLint flat config: Google's gts rules, plus the project's ignores.
module.exports = [
  {ignores: ['dist/', 'node_modules/', 'coverage/', '.preview/', 'test-output/']},
  ...require('gts'),
];
