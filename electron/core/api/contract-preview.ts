// The objectPreviews result: an image object's display preview, at most PREVIEW_SIDE pixels on
// its long side with its aspect ratio kept, for views that show one object large (the queue).
// Nothing heavy is imported: the renderer bundles the constant.

/** The preview's long side limit: sources no larger are kept at their own size, never enlarged. */
export const PREVIEW_SIDE = 512;

export interface ObjectPreview {
  id: number;
  /** Workspace-relative path of the WebP preview (fileUrl serves it); null for spectra and unreadable files. */
  preview: string | null;
  /** The preview's size in pixels (0 when there is none). */
  width: number;
  height: number;
}
