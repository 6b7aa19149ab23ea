// Issue 11, precision: ordinary content images on ESP, shop and image CDNs must not be reported.
// Each row is a shape real newsletters use (resize parameters, cache-busting versions, signed
// URLs with long tokens, hashed file names), sized as a content image, unsized as in responsive
// layouts, or both. None of them is fetched per recipient: the token signs or versions the file.
import { describe, expect, it } from 'vitest';
import { describeFindings, imageFindings } from './helpers/pixel-findings.js';

type Row = [name: string, src: string];

const cdnImages: Row[] = [
  ['Cloudinary transform', 'https://res.cloudinary.com/demo-shop/image/upload/c_fill,w_600,h_400,q_auto,f_auto/v1612345678/products/sku-99812_front.jpg'],
  ['Cloudinary signed', 'https://res.cloudinary.com/demo-shop/image/upload/s--Xk3hZ9aB--/w_600/v1612345678/banners/spring_sale.png'],
  ['imgix signed', 'https://shop-example.imgix.net/products/shoe.jpg?ixlib=rb-4.0.3&w=600&h=400&fit=crop&auto=format&s=9c2f3e8b1a4d5c6e7f8091a2b3c4d5e6'],
  ['Shopify product', 'https://cdn.shopify.com/s/files/1/0123/4567/8901/products/IMG_4821_600x.jpg?v=1612345678'],
  ['Shopify email asset', 'https://cdn.shopify.com/s/files/1/0533/2089/files/hero-banner.png?v=1689012345&width=1200'],
  ['Akamai Image Manager', 'https://images.retailer.example/is/image/Retailer/1234567_001?wid=600&hei=400&fmt=jpeg&qlt=80&imwidth=600'],
  ['Scene7', 'https://s7d9.scene7.com/is/image/BrandCo/2024_SPRING_HERO_1?$email$&wid=1200'],
  ['Klaviyo image CDN', 'https://d3k81ch9hvuctc.cloudfront.net/company/AbC123/images/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f.jpeg'],
  ['Mailchimp user content', 'https://mcusercontent.com/8a1b2c3d4e5f60718293a4b5c/images/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f.jpg'],
  ['Mailchimp gallery', 'https://gallery.mailchimp.com/8a1b2c3d4e5f60718293a4b5c/images/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0.png'],
  ['SendGrid marketing image', 'https://marketing-image-production.s3.amazonaws.com/uploads/5c3e8f2a1b9d4e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f.png'],
  ['SendGrid mc image', 'https://mcusercontent.com/a1b2c3d4e5f6a7b8c9d0e1f2a/images/hero.png'],
  ['Braze image asset', 'https://braze-images.com/appboy/communication/assets/image_assets/images/60a1b2c3d4e5f60011223344/original.png?1621234567'],
  ['Brevo image', 'https://img.mailinblue.com/2345678/images/rnb/original/60a1b2c3d4e5f60011223344.png'],
  ['SFMC image library', 'https://image.email.brand.example/lib/fe3c15707564047e7c1d/m/1/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f.png'],
  ['Campaign Monitor image', 'https://i1.createsend1.com/ei/r/29/A8A/B9B/123456/csimport/hero_image.jpg'],
  ['Mailjet image', 'https://xq7lh.mjt.lu/img/xq7lh/b/k3m/9z1x.png'],
  ['HubSpot file resize', 'https://www.brand.example/hs-fs/hubfs/Email/hero.png?width=1200&upscale=true&name=hero.png'],
  ['HubSpot hubfs signed', 'https://f.hubspotusercontent10.net/hubfs/1234567/Newsletter/2024/header.jpg'],
  ['Iterable image', 'https://library.iterable.com/4f1/5a2/8c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f-hero.jpg'],
  ['Substack fetch CDN', 'https://substackcdn.com/image/fetch/w_1456,c_limit,f_auto,q_auto:good,fl_progressive:steep/https%3A%2F%2Fsubstack-post-media.s3.amazonaws.com%2Fpublic%2Fimages%2F3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f_1200x800.png'],
  ['Beehiiv media', 'https://media.beehiiv.com/cdn-cgi/image/fit=scale-down,format=auto,onerror=redirect,quality=80/uploads/asset/file/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f/hero.png?t=1700000000'],
  ['CloudFront signed', 'https://d1a2b3c4d5e6f7.cloudfront.net/newsletters/2024-05/hero.jpg?Expires=1716000000&Signature=Qk3xZ9aB7cD2eF4gH6iJ8kL0mN1oP3qR5sT7uV9wX1yZ3aB5cD7eF9gH1iJ3kL5mN7oP9qR1sT3uV5wX7yZ9a~&Key-Pair-Id=APKAEIBAERJR2EXAMPLE'],
  ['S3 presigned', 'https://bucket-example.s3.eu-west-1.amazonaws.com/img/hero.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20240515%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20240515T120000Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=5d1c3e8f2a1b9d4e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e'],
  ['Google user content', 'https://lh3.googleusercontent.com/Ab3xZ9aB7cD2eF4gH6iJ8kL0mN1oP3qR5sT7uV9wX1yZ3aB5cD7eF9gH1iJ3kL5mN7oP9qR1sT3uV5wX7yZ9a=w600-h400'],
  ['serverless image handler (base64 JSON request)', 'https://images.brand.example/eyJidWNrZXQiOiJicmFuZC1hc3NldHMiLCJrZXkiOiJoZXJvLmpwZyIsImVkaXRzIjp7InJlc2l6ZSI6eyJ3aWR0aCI6NjAwfX19'],
  ['Contentful asset', 'https://images.ctfassets.net/abcd1234efgh/3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f/9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d/hero.jpg?w=600&h=400&q=80&fm=webp'],
  ['Sanity image', 'https://cdn.sanity.io/images/abc123de/production/3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f7a8b9c0d-1200x800.jpg?w=600&auto=format'],
  ['WordPress Photon', 'https://i0.wp.com/blog.example/wp-content/uploads/2024/05/hero.jpg?resize=600%2C400&ssl=1'],
  ['Magento media cache', 'https://shop.example/media/catalog/product/cache/3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f/a/b/ab12345.jpg'],
  ['Salesforce Commerce image', 'https://www.shop.example/dw/image/v2/BBBB_PRD/on/demandware.static/-/Sites-master/default/dw3f2b8c1e/images/large/123456789.jpg?sw=600&sh=600'],
  ['Amazon product image', 'https://m.media-amazon.com/images/I/71AbCdEfGhL._AC_SX679_.jpg'],
  ['eBay listing image', 'https://i.ebayimg.com/images/g/AbCdEfGhIjKlMnOp/s-l500.jpg'],
  ['Fastly image optimizer', 'https://images.shop.example/products/9912/hero.jpg?width=600&height=400&optimize=medium&crop=16:9&auto=webp'],
  ['Vimeo thumbnail', 'https://i.vimeocdn.com/video/1234567890-3f2b8c1e9d4a4b7e8f001a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d-d_640x360'],
  ['YouTube thumbnail', 'https://i.ytimg.com/vi/dQw4w9WgXcQ/maxresdefault.jpg'],
];

describe('content images on ESP and shop CDNs are not trackers', () => {
  describe('sized (width/height attributes)', () => {
    it.each(cdnImages)('%s', (_name, src) => {
      const found = imageFindings(`<img src="${src}" width="600" height="400" alt="Spring collection" style="display:block">`);
      expect(describeFindings(found)).toEqual([]);
    });
  });
  describe('unsized, as responsive layouts write them', () => {
    it.each(cdnImages)('%s', (_name, src) => {
      const found = imageFindings(`<img src="${src}" alt="Spring collection" style="display:block;width:100%;max-width:600px;height:auto">`);
      expect(describeFindings(found)).toEqual([]);
    });
  });
  describe('as a CSS background', () => {
    it.each(cdnImages)('%s', (_name, src) => {
      const found = imageFindings(`<td style="background-image:url('${src}');background-size:cover" height="300">Sale</td>`);
      expect(describeFindings(found)).toEqual([]);
    });
  });
});
