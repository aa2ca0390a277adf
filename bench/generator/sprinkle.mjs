// Decides where the generated code gets an anti-pattern, and records each one per guide item and file,
// so the bench can compare what the rules report with what was planted.

export function createSprinkler(random, rate) {
  const planted = {};
  const plantedFiles = {};
  /** Every plant: its guide item, file, and (when the generator names them) the rules expected to report it. */
  const plants = [];
  let currentFile = '(unknown)';
  return {
    planted,
    plantedFiles,
    plants,
    /** Names the file being generated; plants are recorded against it. */
    at(file) {
      currentFile = file;
    },
    /**
     * True when this site should get the anti-pattern of `guideAnchor`; records it. `rules` names the rules
     * that should report it, where that is not simply every rule of the guide item: a guide item two rules
     * share, or an anti-pattern another item's rule also reports. The draw is the same either way.
     */
    plant(guideAnchor, probability = rate, rules = undefined) {
      if (!random.chance(probability)) return false;
      return this.plantIf(true, guideAnchor, rules);
    },
    /**
     * `plant` decided by the caller without a random draw: a plant added later takes none, so every other
     * site of the project (and the bench's numbers across versions) stays as it was.
     */
    plantIf(condition, guideAnchor, rules = undefined) {
      if (!condition) return false;
      planted[guideAnchor] = (planted[guideAnchor] ?? 0) + 1;
      const files = (plantedFiles[guideAnchor] ??= {});
      files[currentFile] = (files[currentFile] ?? 0) + 1;
      plants.push({ guide: guideAnchor, file: currentFile, ...(rules ? { rules } : {}) });
      return true;
    },
  };
}

/** A small stable hash of a domain's name, for plants decided without a random draw (`plantIf`). */
export function nameHash(text) {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash;
}
