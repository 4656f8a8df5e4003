import { Anchor, Button, type ButtonProps, Image, SimpleGrid } from '@mantine/core';
import { IconCamera } from '@tabler/icons-react';
import { type ReactNode, useRef } from 'react';

/**
 * A big "take a photo" button: on a phone `capture` opens the camera straight away. The file input
 * itself stays in the page (visually hidden, labelled) so tests and assistive tech can reach it.
 */
export function PhotoInput(
  props: { label: string; onFile: (file: File) => void; loading?: boolean; children?: ReactNode } & Pick<
    ButtonProps,
    'variant' | 'fullWidth' | 'size'
  >,
) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        aria-label={props.label}
        tabIndex={-1}
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0, pointerEvents: 'none' }}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so the same file can be picked again after an error.
          event.currentTarget.value = '';
          if (file) props.onFile(file);
        }}
      />
      <Button
        variant={props.variant ?? 'light'}
        fullWidth={props.fullWidth}
        size={props.size}
        leftSection={<IconCamera size={18} />}
        loading={props.loading}
        onClick={() => input.current?.click()}
      >
        {props.children ?? props.label}
      </Button>
    </>
  );
}

/** Thumbnails that open the full photo; the server serves each only to someone who may see the turn. */
export function PhotoGrid(props: {
  photos: ReadonlyArray<{ id: string; purpose: string }>;
  urlOf: (photoId: string) => string;
  label: string;
  cols?: number;
}) {
  if (props.photos.length === 0) return null;
  return (
    <SimpleGrid cols={props.cols ?? 3} spacing="xs" aria-label={props.label} role="list">
      {props.photos.map((photo, index) => (
        <Anchor key={photo.id} href={props.urlOf(photo.id)} target="_blank" rel="noopener" role="listitem">
          <Image
            src={props.urlOf(photo.id)}
            alt={`${props.label} ${index + 1}`}
            radius="sm"
            h={96}
            fit="cover"
            loading="lazy"
          />
        </Anchor>
      ))}
    </SimpleGrid>
  );
}
