// Decides where the generated code gets an anti-pattern, and records each one per guide item and file,
// so the bench can compare what the rules report with what was planted.

export function createSprinkler(random, rate) {
  const planted = {};
  const plantedFiles = {};
  let currentFile = '(unknown)';
  return {
    planted,
    plantedFiles,
    /** Names the file being generated; plants are recorded against it. */
    at(file) {
      currentFile = file;
    },
    /** True when this site should get the anti-pattern of `guideAnchor`; records it. */
    plant(guideAnchor, probability = rate) {
      if (!random.chance(probability)) return false;
      planted[guideAnchor] = (planted[guideAnchor] ?? 0) + 1;
      const files = (plantedFiles[guideAnchor] ??= {});
      files[currentFile] = (files[currentFile] ?? 0) + 1;
      return true;
    },
  };
}
