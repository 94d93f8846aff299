import DOMPurify from 'dompurify';
import Link from '@tiptap/extension-link';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { ReactNode } from 'react';

interface RichTextEditorProps {
  initialHtml: string;
  onChange(html: string): void;
  placeholder?: string;
  /** More toolbar buttons, given a way to insert HTML where the cursor is. */
  toolbarExtras?: (insertHtml: (html: string) => void) => ReactNode;
}

/** HTML pasted from elsewhere keeps its formatting, never its scripts, styles or handlers. */
export function sanitizePastedHtml(html: string): string {
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'iframe'], FORBID_ATTR: ['style'] });
}

const ensureScheme = (href: string) => (/^(https?:|mailto:)/i.test(href) ? href : `https://${href}`);

/** The composer's body: TipTap (bold, italic, lists, links), its HTML handed up on every change. */
export function RichTextEditor({ initialHtml, onChange, placeholder, toolbarExtras }: RichTextEditorProps) {
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: false }), Link.configure({ openOnClick: false, autolink: true, protocols: ['mailto'], HTMLAttributes: { rel: 'noopener noreferrer' } })],
    content: sanitizePastedHtml(initialHtml),
    editorProps: {
      transformPastedHTML: sanitizePastedHtml,
      attributes: { class: 'm365-editor-content', 'aria-label': placeholder ?? 'Message', role: 'textbox', 'aria-multiline': 'true', 'data-testid': 'compose-body' },
    },
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? '' : current.getHTML()),
  });

  if (!editor) return null;
  const setLink = () => {
    const previous = editor.getAttributes('link').href as string | undefined;
    const href = window.prompt('Link address', previous ?? 'https://');
    if (href === null) return;
    if (href.trim() === '') editor.chain().focus().extendMarkRange('link').unsetLink().run();
    else editor.chain().focus().extendMarkRange('link').setLink({ href: ensureScheme(href.trim()) }).run();
  };
  const button = (label: string, title: string, active: boolean, run: () => void) => (
    <button type="button" className={`m365-editor-button${active ? ' is-active' : ''}`} title={title} aria-label={title} aria-pressed={active} onMouseDown={(event) => event.preventDefault()} onClick={run}>
      {label}
    </button>
  );
  return (
    <div className="m365-editor">
      <div className="m365-editor-toolbar" role="toolbar" aria-label="Formatting">
        {button('B', 'Bold', editor.isActive('bold'), () => editor.chain().focus().toggleBold().run())}
        {button('I', 'Italic', editor.isActive('italic'), () => editor.chain().focus().toggleItalic().run())}
        {button('•', 'Bulleted list', editor.isActive('bulletList'), () => editor.chain().focus().toggleBulletList().run())}
        {button('1.', 'Numbered list', editor.isActive('orderedList'), () => editor.chain().focus().toggleOrderedList().run())}
        {button('Link', 'Link', editor.isActive('link'), setLink)}
        {toolbarExtras?.((html) => editor.chain().focus().insertContent(sanitizePastedHtml(html)).run())}
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}
