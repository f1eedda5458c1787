// Prettier settings: gts defaults.
module.exports = {
  ...require('gts/.prettierrc.json'),
};
