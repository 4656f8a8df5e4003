import { Card, type CardProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { type AnchorHTMLAttributes, forwardRef } from 'react';

const MantineCardAnchor = forwardRef<HTMLAnchorElement, CardProps & AnchorHTMLAttributes<HTMLAnchorElement>>(
  (props, ref) => <Card component="a" ref={ref} {...props} />,
);

/** A Mantine Card that is a typed router link. */
export const CardLink = createLink(MantineCardAnchor);
